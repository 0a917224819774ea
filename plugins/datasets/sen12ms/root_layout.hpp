// The check that a folder is a SEN12MS root before anything in it is read, with a message that
// names the layout expected and what the folder holds instead.
#pragma once

#include <filesystem>

namespace eorun::sen12ms {

// Throws eorun::Error (subject "dataset.root") when `root` is not a folder, or holds no season
// folder (ROIs1158_spring, ROIs1868_summer, ROIs1970_fall, ROIs2017_winter or any other
// ROIs<digits>_<season>): the message lists what it holds and, when it recognises another layout
// (BigEarthNet, EuroSAT, one SEN12MS season folder), says which.
void check_root(const std::filesystem::path& root);

}  // namespace eorun::sen12ms
