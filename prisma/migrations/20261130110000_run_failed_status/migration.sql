-- A run in which every task failed ends FAILED rather than COMPLETED.
ALTER TYPE "RunStatus" ADD VALUE 'FAILED';
