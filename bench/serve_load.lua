-- wrk script for bench/serve_load.sh: POSTs the requests of the JSON Lines
-- file in $SERVE_REQUESTS to /v1/decide in turn, one per request, and prints
-- one machine-readable line at the end.
local bodies = {}
for line in io.lines(os.getenv("SERVE_REQUESTS")) do
  if line:match("%S") then bodies[#bodies + 1] = line end
end
-- Formatted once, here: wrk runs on the same two cores as the server, so
-- formatting each request in Lua would take CPU from the server it measures.
local requests = {}
for i, body in ipairs(bodies) do
  requests[i] = wrk.format("POST", "/v1/decide", {["Content-Type"] = "application/json"}, body)
end
local next_request = 0

request = function()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
