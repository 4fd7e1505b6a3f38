// Lint fixture (module-boundaries.spec.ts): apps never import apps.
import '@salesops/members';
