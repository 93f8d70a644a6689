brand = Acme report
-brand = Acme
title = { -brand } annual report
