package io.jenkins.plugins.mlops.core.registry.oci;

import java.util.Locale;
import java.util.Set;

/**
 * Which ModelPack layer media type a model file gets, from its name. A registry sees only bytes, so the type is
 * read off well-known names and extensions (the table below, also in {@code docs/registry.md}); a file none of
 * them matches is typed as raw weights and marked {@code org.cncf.model.file.mediatype.untested: "true"}, as the
 * ModelPack annotations say a packager must when it did not verify the classification.
 */
final class ModelPackFileTypes {

    static final String WEIGHT = "application/vnd.cncf.model.weight.v1.raw";
    static final String WEIGHT_CONFIG = "application/vnd.cncf.model.weight.config.v1.raw";
    static final String DOC = "application/vnd.cncf.model.doc.v1.raw";
    static final String CODE = "application/vnd.cncf.model.code.v1.raw";

    /** A layer media type and whether it came from the table (true) or is the untested fallback. */
    record Type(String mediaType, boolean known) {
    }

    private static final Set<String> WEIGHT_EXTENSIONS = Set.of("safetensors", "bin", "pt", "pth", "ckpt", "onnx",
            "gguf", "ggml", "h5", "hdf5", "keras", "pb", "tflite", "pkl", "pickle", "joblib", "msgpack", "npz", "npy",
            "mlmodel", "pmml", "ubj", "cbm", "mar", "engine", "plan", "xgb", "lgb");
    private static final Set<String> WEIGHT_CONFIG_NAMES = Set.of("config.json", "generation_config.json",
            "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "vocab.json",
            "vocab.txt", "merges.txt", "preprocessor_config.json", "tokenizer.model", "params.json", "hparams.json");
    private static final Set<String> DOC_NAMES = Set.of("readme", "license", "licence", "notice", "copying",
            "changelog", "model_card", "modelcard", "citation", "authors");
    private static final Set<String> DOC_EXTENSIONS = Set.of("md", "rst", "adoc", "pdf");
    private static final Set<String> CODE_EXTENSIONS = Set.of("py", "sh", "ipynb", "r", "jl", "js", "ts", "java",
            "scala", "go", "rs", "c", "cc", "cpp", "h", "hpp", "lua");

    private ModelPackFileTypes() {
    }

    static Type of(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot + 1) : "";
        if (WEIGHT_CONFIG_NAMES.contains(name)) {
            return new Type(WEIGHT_CONFIG, true);
        }
        if (DOC_NAMES.contains(stem) || DOC_EXTENSIONS.contains(ext)) {
            return new Type(DOC, true);
        }
        if (CODE_EXTENSIONS.contains(ext)) {
            return new Type(CODE, true);
        }
        if (WEIGHT_EXTENSIONS.contains(ext)) {
            return new Type(WEIGHT, true);
        }
        return new Type(WEIGHT, false);
    }
}
