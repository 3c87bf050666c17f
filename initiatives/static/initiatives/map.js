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

    var RADIUS = 7;
    var TOLERANCE = 11; /* pixels around a marker that open it: a finger, not a pixel */

    /* The markers as a layer of canvas tiles: each tile draws the markers that fall on it, so
       thousands of initiatives cost no element, no image and no object each, and no long task
       on a phone. Positions are projected once per zoom level. */
    var MarkerTiles = window.L.GridLayer.extend({
        initialize: function (items, options) {
            this.items = items;
            this.projected = {};
            window.L.setOptions(this, options);
        },
        at: function (zoom) {
            if (!this.projected[zoom]) {
                var map = this._map;
                this.projected[zoom] = this.items.map(function (item) {
                    return map.project([item.lat, item.lng], zoom);
                });
            }
            return this.projected[zoom];
        },
        createTile: function (coords) {
            var tile = document.createElement("canvas");
            var size = this.getTileSize();
            var ratio = window.devicePixelRatio || 1;
            tile.width = size.x * ratio;
            tile.height = size.y * ratio;
            tile.style.width = size.x + "px";
            tile.style.height = size.y + "px";
            var context = tile.getContext("2d");
            context.scale(ratio, ratio);
            context.fillStyle = "#0b5d4b";
            context.strokeStyle = "#ffffff";
            context.lineWidth = 2;
            var left = coords.x * size.x;
            var top = coords.y * size.y;
            this.at(coords.z).forEach(function (point) {
                var x = point.x - left;
                var y = point.y - top;
                if (x < -RADIUS || y < -RADIUS || x > size.x + RADIUS || y > size.y + RADIUS) {
                    return;
                }
                context.beginPath();
                context.arc(x, y, RADIUS, 0, 2 * Math.PI);
                context.fill();
                context.stroke();
            });
            return tile;
        },
        nearest: function (latlng) {
            var zoom = this._map.getZoom();
            var target = this._map.project(latlng, zoom);
            var best = null;
            var bestDistance = TOLERANCE;
            var items = this.items;
            this.at(zoom).forEach(function (point, index) {
                var distance = point.distanceTo(target);
                if (distance <= bestDistance) {
                    best = items[index];
                    bestDistance = distance;
                }
            });
            return best;
        }
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
        var bounds = markers.map(function (item) {
            return [item.lat, item.lng];
        });
        map.fitBounds(bounds, { maxZoom: 15, padding: [30, 30] });
        var layer = new MarkerTiles(markers, { pane: "overlayPane", maxZoom: 19 }).addTo(map);
        /* A click or tap near a marker opens its popup, which is built only then. The list
           above the map is the complete, keyboard-accessible way to every initiative. */
        map.on("click", function (event) {
            var item = layer.nearest(event.latlng);
            if (item) {
                L.popup().setLatLng([item.lat, item.lng]).setContent(popup(item)).openOn(map);
            }
        });
        map.on("mousemove", function (event) {
            container.style.cursor = layer.nearest(event.latlng) ? "pointer" : "";
        });
        container.setAttribute("data-markers-drawn", String(markers.length));
    }

    function popup(item) {
        var box = document.createElement("div");
        var link = document.createElement("a");
        link.href = item.url;
        link.textContent = item.title;
        var status = document.createElement("p");
        status.textContent = item.status;
        box.appendChild(link);
        box.appendChild(status);
        return box;
    }
})();
