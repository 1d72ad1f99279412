package dev.edge4j.core.models;

import dev.edge4j.core.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Downloads a file over http(s), for models that no registry ships (e.g. on a machine with internet). */
final class HttpsClient implements PackageClient {
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();

    @Override
    public Path download(ModelSource source, Path dir, Progress progress) throws IOException {
        URI uri = URI.create(source.coordinate());
        String name = uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
        Path target = dir.resolve(name.isEmpty() ? "download" : name);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(60)).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new FetchException(uri.getHost() + " answered HTTP " + response.statusCode() + " for " + uri);
            }
            try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(target)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    progress.add(n);
                }
            }
            return target;
        } catch (UnknownHostException | ConnectException | HttpConnectTimeoutException e) {
            throw new FetchException(uri.getHost() + " is unreachable, so " + uri + " cannot be fetched; check the "
                    + "network, or copy the models from another machine and run `edge4j models import DIR`");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("the download of " + uri + " was interrupted");
        }
    }
}
