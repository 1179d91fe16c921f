-- wrk script: 100 events per POST /collect request, 4 in 5 exposures of new visitors and 1 in 5
-- goals (GOAL_KEY) of visitors of the same request (docs/performance.md). TEST_ID names a live
-- experiment tracking that goal, e.g.
--   TEST_ID=2 GOAL_KEY=purchase wrk -t2 -c64 -d10s -s bench/wrk/batch.lua http://127.0.0.1:8080/v2/project/<key>/collect
local test_id = os.getenv("TEST_ID") or "2"
local goal_key = os.getenv("GOAL_KEY") or "purchase"
local counter = 0
local tid = 0
function setup(thread) tid = tid + 1; thread:set("id", tid) end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local parts = {}
  for i = 1, 100 do
    counter = counter + 1
    local v = string.format("%013x%02d%08d", os.time() * 1000, id, counter)
    if i % 5 == 0 then
      local w = string.format("%013x%02d%08d", os.time() * 1000, id, counter - 3)
      parts[i] = '{"type":"goal","event_id":"g' .. v .. '","visitor_id":"' .. w .. '","goal_key":"' .. goal_key .. '"}'
    else
      parts[i] = '{"type":"exposure","event_id":"e' .. v .. '","visitor_id":"' .. v .. '","test_id":' .. test_id .. ',"variant_id":"' .. (counter % 3) .. '","attributes":{"device":"mobile","browser":"chrome","os":"android","country":"US","source":"direct","landing_page":"/pricing"}}'
    end
  end
  return wrk.format(nil, nil, nil, '{"events":[' .. table.concat(parts, ",") .. ']}')
end
done = function(summary, latency, requests)
  io.write(string.format("non2xx=%d p50=%.1fms p99=%.1fms\n", summary.errors.status, latency:percentile(50)/1000, latency:percentile(99)/1000))
end
