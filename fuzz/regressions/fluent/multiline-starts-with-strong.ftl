a = **b** c
    d
