// Lint fixture (module-boundaries.spec.ts): libraries never import apps. Training depends on no
// orders library, so this makes no cycle in the project graph.
import '@salesops/training';
