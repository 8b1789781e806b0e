"""Pure modules for the build's output, knowing nothing of MkDocs: `staging` builds into a
folder beside the site's and swaps it in only whole; `publishing` says whether a build for
publishing knows the address it will live at."""
