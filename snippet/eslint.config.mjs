// ESLint for the browser script, the dashboard and this folder's Node scripts. Its paths are relative to the
// repository's root: npm run lint runs it from there, so that the dashboard outside this folder is linted too.
import js from '@eslint/js';
import globals from 'globals';

export default [
	js.configs.recommended,
	{
		files: ['snippet/src/snippet.js'],
		languageOptions: { ecmaVersion: 2020, sourceType: 'script', globals: { ...globals.browser, TEST_HOOKS: 'readonly' } },
	},
	{
		// The dashboard and the share page are ES modules, loaded with <script type="module">.
		files: ['server/src/main/resources/static/dashboard/*.js'],
		languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.browser },
	},
	{
		files: ['snippet/*.mjs', 'snippet/test/*.mjs'],
		languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.node },
	},
];
