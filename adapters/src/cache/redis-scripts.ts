// Lua run inside Redis so "store unless purged since" and each purge step are atomic: a purge can
// never slip between the check and the write.
// Each script is called with one key, KEYS[1] = <prefix>g: it only tells a cluster client which node owns
// the prefix's slot (every key below shares the prefix's hash tag). Layout under the prefix: e:<key> entry, t:<tag> keys with that tag, p:<tag> generation of its
// last purge (p:* for "everything"), g the purge generation counter.
//
// The tag index stays bounded without a sweeper: a t:<tag> set expires no earlier than its longest
// lived entry (and no later, unless a newer entry extends it), and every write samples a few of the
// set's members and drops those whose entry is gone. Members whose entries expired are thus removed
// at about the rate they appear, so dead members stay a small fraction of a busy set.

/** ARGV: prefix, key, json, pxTtl, loadedAt, sampleSize, tags… → 1 stored / 0 refused. */
export const setUnlessPurgedScript = `
local prefix, key, px, since, sample = ARGV[1], ARGV[2], tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
if tonumber(redis.call('GET', prefix .. 'p:*') or '0') > since then return 0 end
for i = 7, #ARGV do
  if tonumber(redis.call('GET', prefix .. 'p:' .. ARGV[i]) or '0') > since then return 0 end
end
redis.call('SET', prefix .. 'e:' .. key, ARGV[3], 'PX', px)
for i = 7, #ARGV do
  local set = prefix .. 't:' .. ARGV[i]
  for _, member in ipairs(redis.call('SRANDMEMBER', set, sample)) do
    if member ~= key and redis.call('EXISTS', prefix .. 'e:' .. member) == 0 then redis.call('SREM', set, member) end
  end
  redis.call('SADD', set, key)
  if redis.call('PTTL', set) < px then redis.call('PEXPIRE', set, px) end
end
return 1
`;

/** ARGV: prefix, markTtlSeconds, tags… → the new purge generation. Later stores of older loads are refused. */
export const markPurgedScript = `
local prefix = ARGV[1]
local generation = redis.call('INCR', prefix .. 'g')
for i = 3, #ARGV do
  redis.call('SET', prefix .. 'p:' .. ARGV[i], generation, 'EX', ARGV[2])
end
return generation
`;

/**
 * ARGV: prefix, batchSize, tags… → { dropped, remaining }: pops at most batchSize keys off the tags'
 * sets and unlinks their entries; remaining is how many keys the sets still hold.
 */
export const drainTagsScript = `
local prefix, budget = ARGV[1], tonumber(ARGV[2])
local dropped, remaining = 0, 0
for i = 3, #ARGV do
  local set = prefix .. 't:' .. ARGV[i]
  if budget > 0 then
    local keys = redis.call('SPOP', set, budget)
    budget = budget - #keys
    for j = 1, #keys do keys[j] = prefix .. 'e:' .. keys[j] end
    if #keys > 0 then dropped = dropped + redis.call('UNLINK', unpack(keys)) end
  end
  remaining = remaining + redis.call('SCARD', set)
end
return { dropped, remaining }
`;
