-- wrk script: one exposure of a new visitor per POST /collect request (docs/performance.md).
-- TEST_ID names a live experiment of the project in the URL, e.g.
--   TEST_ID=2 wrk -t2 -c200 -d10s -s bench/wrk/single.lua http://127.0.0.1:8080/v2/project/<key>/collect
local test_id = os.getenv("TEST_ID") or "2"
local counter = 0
local tid = 0
local threads = {}
function setup(thread) tid = tid + 1; thread:set("id", tid); table.insert(threads, thread) end
function init(args) math.randomseed(id * 7919 + os.time()) end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  counter = counter + 1
  local v = string.format("%013x%02d%08d", os.time() * 1000, id, counter)
  local body = '{"events":[{"type":"exposure","event_id":"e' .. v .. '","visitor_id":"' .. v .. '","test_id":' .. test_id .. ',"variant_id":"' .. (counter % 3) .. '","attributes":{"device":"mobile","browser":"chrome","os":"android","country":"US","source":"direct","landing_page":"/pricing"}}]}'
  return wrk.format(nil, nil, nil, body)
end
done = function(summary, latency, requests)
  local codes = summary.errors.status
  io.write(string.format("non2xx=%d p50=%.1fms p99=%.1fms\n", codes, latency:percentile(50)/1000, latency:percentile(99)/1000))
end
