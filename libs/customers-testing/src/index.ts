export * from './team-of-reps';
