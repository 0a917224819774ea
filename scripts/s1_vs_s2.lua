-- Sentinel-1 radar against Sentinel-2 multispectral input, and both stacked: BigEarthNet's "s1"
-- (VV,VH), "s2" (the 12 S2 bands) and "s1s2" (the 12, then VV,VH) presets, three seeds each
-- (9 runs). Every run normalises each channel with statistics of its train split, so dB and
-- digital numbers can share one stack. Needs a copy with Sentinel-1 patches, named "synth_s1"
-- in eorun.toml (or the real archives: BigEarthNet-v1.0/ and BigEarthNet-S1-v1.0/ under one root):
--   build/eorun data synth --dataset bigearthnet --out data/synth-s1 --patches 600 --set s1=true
--   eorun.toml:  [data]
--                synth_s1 = "data/synth-s1"
--   build/eorun scripts/s1_vs_s2.lua --jobs 2
--   build/eorun query --group-by dataset.bands --best f1_macro --sweep s1-vs-s2
return sweep {
  name = "s1-vs-s2",
  base = {
    dataset = { plugin = "bigearthnet", root = data "synth_s1", classes = 19 },
    model   = { plugin = "shortcnn" },
    loss    = { plugin = "bce" },
    train   = { epochs = 3, batch_size = 32, optimizer = "adam", lr = 1e-3 },
  },
  grid = {
    ["dataset.bands"] = { "s1", "s2", "s1s2" },
    ["train.seed"]    = { 1, 2, 3 },
  },
}
