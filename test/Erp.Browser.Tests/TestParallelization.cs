// One browser test class at a time (one collection for the assembly): each starts a host and a Chromium, and on CI's two
// cores several at once starved each other until pages missed their timeouts (sign-ins and dialogs waited 30 s in vain).
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
