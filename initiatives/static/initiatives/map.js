/* The initiatives' map: progressive enhancement of the list, which stays complete without it.
   Markers come from the list's markers/ address (the map element's data-markers address, with the
   list's filters), the tile layer from the map element's data attributes (the MAP_TILE_URL
   setting). No inline script: CSP allows it; the request goes to the site itself (connect-src). */
(function () {
    "use strict";
    var container = document.getElementById("initiative-map");
    if (!container || typeof window.L === "undefined" || !container.dataset.tiles ||
            !container.dataset.markers || !window.fetch) {
        return;
    }
    window.fetch(container.dataset.markers, { headers: { Accept: "application/json" } })
        .then(function (response) {
            return response.ok ? response.json() : [];
        })
        .then(draw)
        .catch(function () {
            /* No map, and nothing else lost: the list above it is complete. */
        });

    function draw(markers) {
        if (!markers.length) {
            return;
        }
        container.hidden = false;
        var L = window.L;
        var map = L.map(container, { scrollWheelZoom: false });
        L.tileLayer(container.dataset.tiles, {
            attribution: container.dataset.attribution || "",
            maxZoom: 19
        }).addTo(map);
        var bounds = [];
        markers.forEach(function (item) {
            var popup = document.createElement("div");
            var link = document.createElement("a");
            link.href = item.url;
            link.textContent = item.title;
            var status = document.createElement("p");
            status.textContent = item.status;
            popup.appendChild(link);
            popup.appendChild(status);
            L.marker([item.lat, item.lng], { title: item.title, alt: item.title })
                .bindPopup(popup)
                .addTo(map);
            bounds.push([item.lat, item.lng]);
        });
        map.fitBounds(bounds, { maxZoom: 15, padding: [30, 30] });
    }
})();
