/**
 * MAIN-world page hook. Registered by the background at document_start for enabled sites
 * only, so it must be a self-contained IIFE: a module script would load too late to wrap fetch.
 * The page is untrusted: this script receives only what it needs to write headers.
 */
export {};
