/* What the paper run cost, per paper table: docs/reproduction.md, "What ran". Run it with
     lstm-sweep query --db docs/results/paper.sqlite "$(cat docs/results/what-ran.sql)" --format markdown
   CPU seconds and trial-steps are summed from the outcomes. A trial trained in lanes records its
   lane group's CPU time (docs/schema.md), so its share is that time divided by the number of lane
   trials of the same worker that ran beside it: those whose claim-to-record span overlaps more than
   half of its own (itself included). */
WITH ran AS (
  SELECT t.sweepName AS sweep, o.cpuSeconds AS cpu, o.steps AS steps, o.build AS build,
         o.workerId AS worker, a.claimedAt AS claimed, o.recordedAt AS recorded
  FROM outcome o JOIN trial t ON t.id = o.trialId JOIN attempt a ON a.id = o.attemptId),
shares AS (
  SELECT CASE WHEN sweep LIKE 'paper-1-%' THEN 1
              WHEN sweep LIKE 'paper-2c-%' THEN 3
              WHEN sweep LIKE 'paper-2a%' OR sweep LIKE 'paper-2b%' THEN 2
              WHEN sweep LIKE 'paper-3a%' THEN 4 WHEN sweep LIKE 'paper-3b%' THEN 5
              WHEN sweep LIKE 'paper-3c%' THEN 6 WHEN sweep LIKE 'paper-4-%' THEN 7
              WHEN sweep LIKE 'paper-5%' THEN 8 WHEN sweep LIKE 'paper-6%' THEN 9 END AS paperTable,
         steps,
         CASE WHEN build LIKE '% lanes'
              THEN cpu / max(1, (SELECT count(*) FROM ran beside
                                 WHERE beside.build LIKE '% lanes' AND beside.worker = ran.worker
                                   AND min(ran.recorded, beside.recorded) - max(ran.claimed, beside.claimed)
                                       > 0.5 * (ran.recorded - ran.claimed)))
              ELSE cpu END AS cpuShare
  FROM ran),
perTable AS (
  SELECT paperTable, count(*) AS trials, sum(cpuShare) AS cpu, sum(steps) AS steps
  FROM shares WHERE paperTable IS NOT NULL GROUP BY paperTable)
SELECT paperTable AS "table", trials, round(cpu) AS cpuSeconds, round(steps / 1e9, 2) AS gigaSteps
FROM perTable
UNION ALL
SELECT 'all', sum(trials), round(sum(cpu)), round(sum(steps) / 1e9, 2) FROM perTable
