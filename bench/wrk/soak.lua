-- wrk script for the soak test: paths.lua plus a count of responses by
-- status class (2xx..5xx), summed over the threads in done().
--
--   wrk -s bench/wrk/soak.lua http://127.0.0.1:8000 -- paths.txt

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
  s1xx, s2xx, s3xx, s4xx, s5xx = 0, 0, 0, 0, 0
end

function request()
  return requests[math.random(#requests)]
end

function response(status, headers, body)
  if status >= 500 then
    s5xx = s5xx + 1
  elseif status >= 400 then
    s4xx = s4xx + 1
  elseif status >= 300 then
    s3xx = s3xx + 1
  elseif status >= 200 then
    s2xx = s2xx + 1
  else
    s1xx = s1xx + 1
  end
end

function done(summary, latency, requests)
  local counts = {0, 0, 0, 0, 0}
  for _, thread in ipairs(threads) do
    counts[1] = counts[1] + (thread:get("s1xx") or 0)
    counts[2] = counts[2] + (thread:get("s2xx") or 0)
    counts[3] = counts[3] + (thread:get("s3xx") or 0)
    counts[4] = counts[4] + (thread:get("s4xx") or 0)
    counts[5] = counts[5] + (thread:get("s5xx") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"status":{"1xx":%d,"2xx":%d,"3xx":%d,"4xx":%d,"5xx":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    counts[1], counts[2], counts[3], counts[4], counts[5],
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean))
end
