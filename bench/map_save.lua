-- PUT /api/v1/gezinnen/{id}/veiligheidskaart under wrk (bench/bars.py fills in the blanks).
-- One connection per thread, each on its own household: a thread first GETs the map for its
-- ETag, then saves a new version with If-Match and a numbered body, taking the next ETag from
-- each answer (after anything but 200 it reads the map again).
local households = {__HOUSEHOLDS__}
local template = [==[__BODY__]==]
local token = "__TOKEN__"
local started = 0

setup = function(thread)
  started = started + 1
  thread:set("number", started)
end

local household, etag, n

init = function(args)
  household = households[number]
  n = 0
end

request = function()
  local path = "/api/v1/gezinnen/" .. household .. "/veiligheidskaart"
  local headers = {["Authorization"] = "Bearer " .. token}
  if etag == nil then
    return wrk.format("GET", path, headers)
  end
  n = n + 1
  headers["If-Match"] = etag
  headers["Content-Type"] = "application/json"
  local body = string.gsub(template, "__N__", tostring(n))
  return wrk.format("PUT", path, headers, body)
end

response = function(status, headers, body)
  if status == 200 then
    etag = headers["ETag"] or headers["etag"]
  else
    etag = nil
  end
end
