// Earshot's page behaviour; filled in with the inbox.
