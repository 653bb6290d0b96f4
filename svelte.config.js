/** Every component uses runes; TypeScript in <script lang="ts"> is handled by Svelte itself. */
export default {
  compilerOptions: { runes: true },
};
