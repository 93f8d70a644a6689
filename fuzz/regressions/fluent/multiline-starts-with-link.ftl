a = [x](https://e.org) c
    d
votes = { $n ->
    [one] un voto
   *[other] { $n } votos
}
