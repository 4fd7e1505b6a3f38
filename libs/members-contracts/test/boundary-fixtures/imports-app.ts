// Lint fixture (module-boundaries.spec.ts): libraries never import apps.
import '@salesops/training';
