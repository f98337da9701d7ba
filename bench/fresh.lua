-- wrk script: every request gets a new address (`&fresh=<n>`, a parameter the site ignores),
-- so the site's memory of recent searches never answers and each request searches afresh.
local n = 0
request = function()
    n = n + 1
    return wrk.format(nil, wrk.path .. "&fresh=" .. n)
end
