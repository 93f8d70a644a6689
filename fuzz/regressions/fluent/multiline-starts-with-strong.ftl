greeting = **Hola**, todos:
    Hola, **mundo**.
votes = { $n ->
    [one] un voto
   *[other] { $n } votos
}
