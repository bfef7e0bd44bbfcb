/* search: filled in by the search issue */
