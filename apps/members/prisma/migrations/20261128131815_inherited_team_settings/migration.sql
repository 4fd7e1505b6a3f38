-- Team settings become inherited down the tree: a team keeps only the values it set. Rows written
-- before stored every key, the defaults included; a stored default is dropped so that the team
-- inherits its parent's value (the same value unless an ancestor set another).
UPDATE "team" AS t
SET "settings" = (
  SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb)
  FROM jsonb_each(t."settings") AS e
  WHERE ('{"probationDays":30,"weeklyLeadQuota":5,"complaintAckHours":2,"complaintResolveHours":48,"promotionNoticeDays":5,"poolIdleDays":30,"poolStaleDays":90,"poolClaimCap":200}'::jsonb -> e.key)
    IS DISTINCT FROM e.value
);
