u = v
t =  
w = x
