"""The demo's desks, one per category, in menu order."""

from newsroom.demo.desks import (
    business,
    europe_news,
    finance,
    health,
    money_watch,
    politics,
    turkey_reports,
    us_news,
    world,
)

DESKS = (
    world.DESK,
    us_news.DESK,
    business.DESK,
    politics.DESK,
    europe_news.DESK,
    finance.DESK,
    turkey_reports.DESK,
    money_watch.DESK,
    health.DESK,
)
