"""Stage 6, the application: commands, files on disk, build chain, batch, watch, serve, new projects."""
