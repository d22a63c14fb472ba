module fluxlab.invalid/podinfo-stand-in

go 1.22
