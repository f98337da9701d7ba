-- wrk script: every request is a real search never sent before. The addresses come from
-- `atd-bench addresses` (words from the data × a facet × a sort × a language, no two alike),
-- one query string a line. Arguments after `--`: the file, the first line this row may use
-- and how many it may use; bench/run gives each row its own lines, so no address repeats
-- within or across rows (it warns if a row sent more than it was given). The path before `?`
-- is the one wrk was given (the search page or the JSON API); its parameters other than `q`
-- (a cost range, say) are kept on every address.
local queries = {}
local n = 0
local base, extra

init = function(args)
    local first, count = tonumber(args[2] or "0"), tonumber(args[3] or "1000000000")
    local i = 0
    for line in io.lines(args[1]) do
        if i >= first + count then break end
        if i >= first then queries[#queries + 1] = line end
        i = i + 1
    end
    if #queries == 0 then
        error("fresh.lua: no addresses from line " .. first .. " of " .. args[1])
    end
    local path, query = wrk.path:match("^([^?]*)%??(.*)$")
    local keep = {}
    for pair in query:gmatch("[^&]+") do
        if not pair:match("^q=") then keep[#keep + 1] = pair end
    end
    base = path .. "?"
    extra = (#keep > 0) and ("&" .. table.concat(keep, "&")) or ""
end

request = function()
    n = n + 1
    return wrk.format(nil, base .. queries[(n - 1) % #queries + 1] .. extra)
end
