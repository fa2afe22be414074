-- How many times a task was put back in the queue to be executed again (after its executor
-- crashed, or by Retry failed): the run's "Retried" count reads it, as `attempts` starts again at
-- each execution.
ALTER TABLE "Task" ADD COLUMN "requeues" INTEGER NOT NULL DEFAULT 0;
