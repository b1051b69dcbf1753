-- wrk script for proxy-bench.mjs: POSTs the JSON body in the file named by the script's first argument
-- (wrk ... URL -- body.json); the path's own headers come from wrk's -H flags.
function init(args)
  local file = assert(io.open(args[1], "rb"))
  wrk.method = "POST"
  wrk.body = file:read("*a")
  file:close()
  wrk.headers["Content-Type"] = "application/json"
end
