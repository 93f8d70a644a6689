x = uno { -t }
-t = T
cyc = { cyc }
sel { -t }
-
t = T
cyc = {? cyuno { -t }
-t = T
cyc = { cyc }
sel { -t }
-t = T
cyc = {? cyc }
    [on&] una
   *[other] { NUMBER($n