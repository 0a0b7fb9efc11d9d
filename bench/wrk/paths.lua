-- wrk script: spread requests over a list of paths, and print the results as
-- one JSON line for bench/run.py.
--
--   wrk -s bench/wrk/paths.lua http://127.0.0.1:8000 -- paths.txt
--
-- paths.txt holds one path per line, optionally preceded by a method
-- ("POST /search/"). Every thread picks paths at random, with its own seed.

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("thread_id", next_id)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot read " .. tostring(args[1]))
  requests = {}
  for line in file:lines() do
    if line ~= "" then
      local method, path = line:match("^(%u+) (/.*)$")
      if not method then
        method, path = "GET", line
      end
      table.insert(requests, wrk.format(method, path))
    end
  end
  file:close()
  assert(#requests > 0, "no paths in " .. args[1])
  math.randomseed(os.time() + 7919 * (thread_id or 0))
end

function request()
  return requests[math.random(#requests)]
end

-- The latency distribution as (percentile, microseconds) pairs, finer in the
-- tail: enough for bench/breaking.py to merge the distributions of runs
-- made side by side into one.
local function quantiles(latency)
  local points = {}
  for i = 1, 198 do table.insert(points, i / 2) end
  for i = 1, 9 do table.insert(points, 99 + i / 10) end
  table.insert(points, 99.95)
  table.insert(points, 99.99)
  local pairs_ = {}
  for _, p in ipairs(points) do
    table.insert(pairs_, string.format("[%g,%d]", p, latency:percentile(p)))
  end
  return "[" .. table.concat(pairs_, ",") .. "]"
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d,"mean":%.1f},' ..
    '"quantiles":%s}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean, quantiles(latency)))
end
