u = v
t =  
w = x
votes = { $n ->
    [one] un voto
   *[other] { $n } votos
}
