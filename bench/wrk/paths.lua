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

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean))
end
