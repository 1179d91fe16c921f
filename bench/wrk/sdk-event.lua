-- wrk script: one named event with a revenue, of a new visitor, per POST /experiment/event (the
-- SDKs' route; docs/performance.md). PROJECT_KEY names the project, e.g.
--   PROJECT_KEY=<key> wrk -t2 -c200 -d20s -s bench/wrk/sdk-event.lua http://127.0.0.1:8080/experiment/event
local project_key = os.getenv("PROJECT_KEY") or "BenchProjectKey0000001"
local counter = 0
local tid = 0

function setup(thread)
  tid = tid + 1
  thread:set("id", tid)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  counter = counter + 1
  local v = string.format("%013x%02d%08d", os.time() * 1000, id, counter)
  return wrk.format(nil, nil, nil, '{"key":"' .. project_key .. '","name":"purchase","distinct_id":"' .. v
    .. '","event_id":"s' .. v .. '","properties":{"revenue":12.5}}')
end

done = function(summary, latency, requests)
  io.write(string.format("non2xx=%d p50=%.1fms p99=%.1fms\n", summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
