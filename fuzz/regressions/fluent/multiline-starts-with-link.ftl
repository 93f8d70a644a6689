a = [x](https://e.org) c
    d
