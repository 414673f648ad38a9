namespace Noa.EventBus.Redis;

/// <summary>
/// Lua scripts, so that each read is one round trip and a dead-lettering is atomic (the server runs a script
/// with nothing in between). StackExchange.Redis sends them by SHA once loaded.
/// </summary>
internal static class StreamScripts
{
    /// <summary>
    /// KEYS: stream, dead-letter stream. ARGV: group, consumer, lease ms, max deliveries, count, dead MAXLEN.
    /// Claims entries idle for at least the lease (XAUTOCLAIM, which counts the delivery); those now delivered more
    /// than max deliveries times are copied to the dead-letter stream with the reason and acknowledged; then fills up
    /// with new entries (XREADGROUP &gt;). Returns { { {id, deliveries, fields}… }, {dead id…} }.
    /// </summary>
    public const string Read = """
        local stream, dead = KEYS[1], KEYS[2]
        local group, consumer = ARGV[1], ARGV[2]
        local maxDeliveries, count = tonumber(ARGV[4]), tonumber(ARGV[5])
        local out, deadIds = {}, {}
        local claimed = redis.call('XAUTOCLAIM', stream, group, consumer, ARGV[3], '0-0', 'COUNT', count)[2]
        for _, e in ipairs(claimed) do
          local id, fields = e[1], e[2]
          if not fields then
            redis.call('XACK', stream, group, id)
          else
            local deliveries = redis.call('XPENDING', stream, group, id, id, 1)[1][4]
            if deliveries > maxDeliveries then
              local add = {'XADD', dead}
              if ARGV[6] ~= '0' then
                add[#add + 1] = 'MAXLEN'; add[#add + 1] = '~'; add[#add + 1] = ARGV[6]
              end
              add[#add + 1] = '*'
              for i = 1, #fields do add[#add + 1] = fields[i] end
              local meta = {'h:dead-stream', stream, 'h:dead-id', id, 'h:dead-group', group,
                'h:dead-deliveries', tostring(deliveries - 1), 'h:dead-reason', 'max-deliveries'}
              for i = 1, #meta do add[#add + 1] = meta[i] end
              redis.call(unpack(add))
              redis.call('XACK', stream, group, id)
              deadIds[#deadIds + 1] = id
            else
              out[#out + 1] = {id, deliveries, fields}
            end
          end
        end
        if #out < count then
          local r = redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', count - #out, 'STREAMS', stream, '>')
          if r then
            for _, e in ipairs(r[1][2]) do out[#out + 1] = {e[1], 1, e[2]} end
          end
        end
        return {out, deadIds}
        """;

    /// <summary>
    /// KEYS: stream. ARGV: group. The group's lag (entries not yet delivered) plus its pending count; when the
    /// server cannot tell the lag (it returns nil after deletions), counts the entries after the last delivered id.
    /// A group that does not exist yet counts the whole stream, where it will start.
    /// </summary>
    public const string Lag = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        for _, g in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
          local info = {}
          for i = 1, #g, 2 do info[g[i]] = g[i + 1] end
          if info['name'] == ARGV[1] then
            local lag = info['lag']
            if not lag then
              lag = 0
              local from = '(' .. info['last-delivered-id']
              while true do
                local r = redis.call('XRANGE', KEYS[1], from, '+', 'COUNT', 1000)
                lag = lag + #r
                if #r < 1000 then break end
                from = '(' .. r[#r][1]
              end
            end
            return lag + info['pending']
          end
        end
        return redis.call('XLEN', KEYS[1])
        """;

    /// <summary>KEYS: stream. ARGV: group. Destroys the group if the stream exists; returns 1 when a group was destroyed.</summary>
    public const string DeleteGroup = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        return redis.call('XGROUP', 'DESTROY', KEYS[1], ARGV[1])
        """;
}
