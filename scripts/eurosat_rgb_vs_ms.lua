-- EuroSAT: RGB versus multispectral input, and whether the RGB source matters. Three inputs:
-- the RGB JPEGs (EuroSAT_RGB), the same three bands B04,B03,B02 read from the 13-band GeoTIFFs
-- (EuroSAT_MS), and all 13 bands; three seeds each (9 runs). Single-label, 10 classes; the best
-- epoch is picked by overall accuracy (oa). Needs a data root named "eurosat" in eorun.toml:
--   [data]
--   eurosat = "data/eurosat"
-- A synthetic copy of both layouts (official-style split files included) to try it on:
--   build/eorun data synth --dataset eurosat --out data/eurosat --patches 600 --seed 1
--   build/eorun scripts/eurosat_rgb_vs_ms.lua --jobs 2
--   build/eorun query --best oa --split test --group-by dataset.format,dataset.bands
-- On the real data set, root is the folder holding EuroSAT_MS/ (or ds/images/...), EuroSAT_RGB/
-- (or 2750/) and eurosat-{train,val,test}.txt.
return sweep {
  name = "eurosat-rgb-vs-ms",
  base = {
    dataset = { plugin = "eurosat", root = data "eurosat" },
    model   = { plugin = "shortcnn", input_size = 64 },
    loss    = { plugin = "cross_entropy" },
    train   = { epochs = 5, batch_size = 32, optimizer = "adam", lr = 1e-3 },
  },
  -- The input, in pairs of layout and bands.
  zip = {
    ["dataset.format"] = { "rgb", "ms", "ms" },
    ["dataset.bands"]  = { "rgb", "rgb", "ms" },
  },
  grid = { ["train.seed"] = { 1, 2, 3 } },
}
