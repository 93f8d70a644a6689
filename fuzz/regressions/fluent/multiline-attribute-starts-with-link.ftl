a = x
    .t = [y](https://e.org)
        z
