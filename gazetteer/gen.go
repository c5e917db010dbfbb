package gazetteer

// ports.tsv.gz is derived from the shared NGA World Port Index and UN/LOCODE
// files (see internal/gen and ATTRIBUTION.md).
//go:generate go run ./internal/gen -data ../../shared/data -o ports.tsv.gz
