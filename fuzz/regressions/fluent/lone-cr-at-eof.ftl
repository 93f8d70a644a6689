votes = { $n ->
    [one] un voto
   *[other] { $n } votos
}
t=