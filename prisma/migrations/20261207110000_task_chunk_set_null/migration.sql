-- Deleting a document took its chunks' tasks with it, so a finished run's card fell to "0 of 0
-- tasks", its tokens and cost to nothing, and the dashboard's spend with them. The tasks now stay,
-- without their chunk; one not yet done fails, saying its document was deleted.
ALTER TABLE "Task" DROP CONSTRAINT "Task_chunkId_fkey";
ALTER TABLE "Task" ADD CONSTRAINT "Task_chunkId_fkey" FOREIGN KEY ("chunkId") REFERENCES "Chunk"("id") ON DELETE SET NULL ON UPDATE CASCADE;
