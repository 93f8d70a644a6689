a = x
    .t = [y](https://e.org)
        z
votes = { $n ->
    [one] un voto
   *[other] { $n } votos
}
