// Lua run inside Redis so "store unless purged since" and "purge tags" are each atomic: a purge can
// never slip between the check and the write, and a tag set never loses a key added mid-purge.
// Layout under the prefix: e:<key> entry, t:<tag> keys with that tag, p:<tag> generation of its
// last purge (p:* for "everything"), g the purge generation counter.

/** ARGV: prefix, key, json, pxTtl, loadedAt, tagTtlSeconds, markTtlSeconds(unused), tags… → 1 stored / 0 refused. */
export const setUnlessPurgedScript = `
local prefix, key, since = ARGV[1], ARGV[2], tonumber(ARGV[5])
if tonumber(redis.call('GET', prefix .. 'p:*') or '0') > since then return 0 end
for i = 8, #ARGV do
  if tonumber(redis.call('GET', prefix .. 'p:' .. ARGV[i]) or '0') > since then return 0 end
end
redis.call('SET', prefix .. 'e:' .. key, ARGV[3], 'PX', ARGV[4])
for i = 8, #ARGV do
  local set = prefix .. 't:' .. ARGV[i]
  redis.call('SADD', set, key)
  redis.call('EXPIRE', set, ARGV[6])
end
return 1
`;

/** ARGV: prefix, markTtlSeconds, tags… → number of entries dropped. */
export const purgeTagsScript = `
local prefix = ARGV[1]
local generation = redis.call('INCR', prefix .. 'g')
local dropped = 0
for i = 3, #ARGV do
  local set = prefix .. 't:' .. ARGV[i]
  for _, key in ipairs(redis.call('SMEMBERS', set)) do
    dropped = dropped + redis.call('DEL', prefix .. 'e:' .. key)
  end
  redis.call('DEL', set)
  redis.call('SET', prefix .. 'p:' .. ARGV[i], generation, 'EX', ARGV[2])
end
return dropped
`;
