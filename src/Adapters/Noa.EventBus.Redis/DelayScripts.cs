namespace Noa.EventBus.Redis;

/// <summary>
/// The delay queue's scripts. KEYS: the sorted set of due times, the hash of items. An item in the hash is
/// <c>{due ms}|{payload}</c>, so a claim returns the original due time beside the claim's lease.
/// </summary>
internal static class DelayScripts
{
    /// <summary>ARGV: key, payload, due ms.</summary>
    public const string Schedule = """
        redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[3] .. '|' .. ARGV[2])
        return 1
        """;

    /// <summary>ARGV: now ms, max, lease end ms. Rescores the due keys to the lease end; returns { {key, payload, due ms}… }.</summary>
    public const string Claim = """
        local keys = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        local out = {}
        for _, key in ipairs(keys) do
          local item = redis.call('HGET', KEYS[2], key)
          if item then
            redis.call('ZADD', KEYS[1], ARGV[3], key)
            local bar = string.find(item, '|', 1, true)
            out[#out + 1] = {key, string.sub(item, bar + 1), string.sub(item, 1, bar - 1)}
          else
            redis.call('ZREM', KEYS[1], key)
          end
        end
        return out
        """;

    /// <summary>ARGV: key, lease end ms of the claim. Removes the item only while that claim holds it.</summary>
    public const string Complete = """
        local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if not score or tonumber(score) ~= tonumber(ARGV[2]) then return 0 end
        redis.call('ZREM', KEYS[1], ARGV[1])
        redis.call('HDEL', KEYS[2], ARGV[1])
        return 1
        """;

    /// <summary>ARGV: key.</summary>
    public const string Cancel = """
        local removed = redis.call('ZREM', KEYS[1], ARGV[1])
        redis.call('HDEL', KEYS[2], ARGV[1])
        return removed
        """;
}
