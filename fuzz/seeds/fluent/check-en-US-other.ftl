other-file = In another file
