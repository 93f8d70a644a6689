-brand = Acme
title = Informe de { -brand }
greeting = Hola { $nombre }, bienvenido.
count = { $n ->
    [one] Un voto
   *[other] { $n } votos
}
attrs = Atributos
    .title = Título
    .extra = Extra
uses-ref = Véase { greeting }
renamed = Total: { $amout }
dropped = { $who } votó
same = Acme
empty = { "" }
loop-a = { loop-b }
loop-b = { loop-a }
bad-ref = Lea { no-such-message }
unused-one = Nadie
needs-args = Hola { $x }
money = { NUMBER($amount, style: "currency", currency: "USD") }
obsolete-one = Sobra
broken = { $x
dup = uno
dup = dos
nodefault = { $n ->
    [one] uno
    [other] otros
}
